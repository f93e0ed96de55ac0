import { useEffect, useRef, useState } from 'react';
import { MAX_ENV_TEXT } from '../../../../shared/contract/secrets';
import { decodeEnvBytes, envTextMessage } from '../../../../shared/env-text';
import { appError } from '../../../../shared/errors';
import { ApiError } from '../../api/client';

/**
 * A file dropped anywhere on the window, read as a .env's text: strictly UTF-8 (`File.text()` would
 * turn Latin-1's `é` into U+FFFD and a UTF-16 file into nonsense without a word). While `accepting`
 * is false (a read or an import is running) a drop is refused with the no-drop cursor: it would
 * replace the preview whose values are being sent. Returns whether a file is being dragged over.
 */
export function useEnvDrop(
  accepting: boolean,
  onText: (text: string, fileName: string) => void,
  onProblem: (problem: ApiError) => void,
): boolean {
  const [dragging, setDragging] = useState(false);
  // The latest of each, so the window listeners are added once.
  const latest = useRef({ accepting, onText, onProblem });
  useEffect(() => {
    latest.current = { accepting, onText, onProblem };
  });

  useEffect(() => {
    // The file is what is wrong (too big, not UTF-8), not the app: bad input, said as such.
    const refuse = (message: string) => latest.current.onProblem(new ApiError(appError('invalid-input', message)));
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      // Always prevented: a file dropped where the page does not take it is opened by the browser.
      e.preventDefault();
      e.dataTransfer.dropEffect = latest.current.accepting ? 'copy' : 'none';
      setDragging(latest.current.accepting);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      setDragging(false);
      if (!latest.current.accepting) return;
      if (file.size > MAX_ENV_TEXT) {
        refuse(`${file.name} is ${file.size} bytes; .env files over ${MAX_ENV_TEXT} bytes are refused.`);
        return;
      }
      file.arrayBuffer().then(
        (buffer) => {
          const bytes = new Uint8Array(buffer);
          const decoded = decodeEnvBytes(bytes);
          bytes.fill(0);
          if (decoded.ok) latest.current.onText(decoded.text, file.name);
          else refuse(envTextMessage(file.name, decoded.problem, decoded.line));
        },
        () => refuse(`${file.name} could not be read.`),
      );
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
