// Who is asking: every sync and read request runs inside the organisation (and site scope) of the
// desk token that authenticated it. Nothing below the routes ever takes an orgId from the request body.

export interface DeskScope {
  orgId: string;
  deskId: string;
  siteId: string;
  /** 'site': the desk reads and writes its own site's events only; 'org': the whole organisation. */
  scope: 'site' | 'org';
}

export function siteVisible(scope: DeskScope, siteId: string): boolean {
  return scope.scope === 'org' || scope.siteId === siteId;
}

/** NOTIFY channel shared by every server instance; payload = ChangeNotice as JSON. */
export const CHANGES_CHANNEL = 'jiesu_sync_changes';

export interface ChangeNotice {
  orgId: string;
  collection: 'events' | 'config';
  seq: number;
  /** Sites of the changed events, so site-scoped streams of other sites stay quiet. */
  sites?: string[];
}

/** NOTIFY channel for revoked desks (orgs.ts revokeDesk); payload = RevokedNotice as JSON. Every
 * instance closes that desk's open streams at once, wherever the revocation was made. */
export const REVOKED_CHANNEL = 'jiesu_desk_revoked';

export interface RevokedNotice {
  orgId: string;
  deskId: string;
}
