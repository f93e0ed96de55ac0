import { useEffect, useRef, type RefObject } from 'react';

/**
 * True while the component is on screen: a request answered after the user left its form must be
 * told elsewhere (frame/outcomes.ts), not into state nobody will see.
 */
export function useMountedRef(): RefObject<boolean> {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
