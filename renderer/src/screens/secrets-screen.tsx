import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function SecretsScreen(): ReactElement {
  return (
    <PlannedScreen
      title="Secrets"
      intro="Environment variables your chutes receive, such as HF_TOKEN. Values are write-only: Chutes never shows them again."
      plans={['List the secrets of each of your chutes', 'Add a secret, or paste a .env file to add several', 'Replace or delete a secret']}
    />
  );
}
