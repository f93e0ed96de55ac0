import type { ReactElement } from 'react';
import { PlannedScreen } from '../components/planned-screen';

export function ApiKeysScreen(): ReactElement {
  return (
    <PlannedScreen
      title="API keys"
      intro="The keys that let programs call Chutes on your behalf."
      plans={[
        'Review every key with its scopes',
        'Create a key with only the access it needs, and see its secret exactly once',
        'Revoke a key, or rotate it (create the replacement, then revoke the old one)',
      ]}
    />
  );
}
