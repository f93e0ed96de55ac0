import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeleteResultList } from './delete-results';

afterEach(cleanup);

describe('DeleteResultList', () => {
  it('lists the items not deleted first, each group in its own order: in thousands they are what to act on', () => {
    render(
      <DeleteResultList
        label="Result per key"
        items={[
          { id: '1', label: 'one', outcome: 'deleted' },
          { id: '2', label: 'two', outcome: 'failed', message: 'Chutes at x answered 500' },
          { id: '3', label: 'three', outcome: 'already-gone' },
          { id: '4', label: 'four', outcome: 'failed', message: 'timed out' },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Result per key' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'two — not deleted: Chutes at x answered 500',
      'four — not deleted: timed out',
      'one — deleted',
      'three — already gone (nothing left to delete)',
    ]);
  });
});
