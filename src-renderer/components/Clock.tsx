import { useNow } from '../hooks/ticker';
import { formatDateTime } from '../format/time';

/** The desk's clock, driven by the shared ticker. */
export function Clock() {
  const now = useNow();
  return <span data-testid="clock">{formatDateTime(now)}</span>;
}
