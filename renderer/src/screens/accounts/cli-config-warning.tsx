import type { ReactElement } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { useChannel, useMutationChannel } from '../../api/hooks';

/** The CLI keeps the seed in plain text; if others can read that file, say so and offer the fix. */
export function CliConfigWarning(): ReactElement | null {
  const check = useChannel('cliConfigPermissions', {});
  const fix = useMutationChannel('fixCliConfigPermissions', ['locateCliConfig', 'cliConfigPermissions']);
  if (!check.data || !check.data.holdsSeed || check.data.permissions.status !== 'too-open') return null;
  const mode = check.data.permissions.mode;
  return (
    <Notice tone="warn">
      <p>
        <strong>Your chutes CLI config can be read by other users of this machine.</strong>{' '}
        <code>{check.data.path}</code> holds your hotkey seed in plain text
        {mode !== null ? ` and its permissions are ${mode.toString(8).padStart(4, '0')}` : ''}.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => fix.mutate({})} disabled={fix.isPending}>
          Make private (0600)
        </button>
        <span className="small">Or import it below and remove the seed from it.</span>
      </div>
      {fix.error ? <ErrorNotice error={fix.error} /> : null}
    </Notice>
  );
}
