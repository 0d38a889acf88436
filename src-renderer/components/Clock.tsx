import { useNow } from '../hooks/ticker';
import { formatDateTime, zoneLabel } from '../format/time';

/**
 * The desk's clock, driven by the shared ticker, in the organisation's zone — named when this machine is
 * set to another one, so a clerk knows every time on screen and on paper is that zone's.
 */
export function Clock() {
  const now = useNow();
  const zone = zoneLabel(now);
  return (
    <span data-testid="clock">
      {formatDateTime(now)}
      {zone ? ` ${zone}` : ''}
    </span>
  );
}
