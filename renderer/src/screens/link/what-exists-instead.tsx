import type { ReactElement } from 'react';
import styles from './link.module.css';

/** What the public server offers now that linking is gone (`../shared/reference/chutes-account-api.md` §4 "Today"). */
export function WhatExistsInstead(): ReactElement {
  return (
    <div>
      <h2 className={styles.insteadHead}>What exists instead</h2>
      <ul className={styles.instead}>
        <li>
          <strong>Integrated-subnet benefits, automatically:</strong> when the hotkey your Chutes account is registered
          with is in the metagraph of subnet 120 (affine), 59 (babelbit) or 44 (score), image builds need no $50 minimum
          balance, and subnet-120 hotkeys skip some deploy limits. Nothing to link: register with that hotkey.
        </li>
        <li>
          <strong>Subnet roles:</strong> a subnet’s delegated admin can grant your account a role for their subnet (
          <code>POST /users/grant_subnet_role</code>). Ask the subnet’s team.
        </li>
        <li>
          <strong>Free access</strong> (the <code>free_account</code> role) is set only by the Chutes operators, by
          arrangement.
        </li>
      </ul>
    </div>
  );
}
