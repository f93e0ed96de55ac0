import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Notice } from './notice';

interface State {
  error: Error | null;
}

/**
 * A screen that fails to render takes only itself down: the side bar, the other screens and the
 * notices above it (a fingerprint or key secret waiting to be seen) stay. Keyed by route by its
 * caller, so moving to another screen starts afresh.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert">
        <Notice tone="warn">
          <p>
            <strong>This screen could not be shown.</strong> That is a bug in the app, not something you did; the other
            screens still work. Reload the window to try this one again.
          </p>
          <p className="small muted">What failed: {error.message.slice(0, 300)}</p>
        </Notice>
      </div>
    );
  }
}
