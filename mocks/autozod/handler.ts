/**
 * Autozod's `GET /api/sessionLogs/list` over the seeded world, as a plain handler. Sessions are
 * indexed once. The doc's curl sends `{}` with its GET; any body is left unread and ignored.
 */
import { jsonResponse } from '../../src/core/responses.ts';
import type { VendorAuthenticator, VendorDeps, VendorHandler } from '../../src/core/types.ts';
import { apiError } from '../../src/http/errors.ts';
import { authorizeBearer } from './auth.ts';
import type { AutozodCredentials } from './credentials.ts';
import { parseSessionLogQuery, type SessionLogQuery } from './params.ts';
import { createSessionIndex, type SessionIndex } from './session-index.ts';
import { summarizeSessionLogs } from './summary.ts';

export const SESSION_LOGS_PATH = '/api/sessionLogs/list';
const ROUTE = /^\/api\/sessionLogs\/list\/?$/i;

/** Autozod's credential check alone, as its route applies it. */
export function createAutozodAuthenticator(
  deps: VendorDeps<AutozodCredentials, object>,
): VendorAuthenticator {
  return async (req) => authorizeBearer(req.headers.authorization, deps.credentials.token);
}

/** Builds Autozod's handler (it has no settings). */
export function createAutozodHandler(deps: VendorDeps<AutozodCredentials, object>): VendorHandler {
  const index = createSessionIndex(deps.world);

  return async (req) => {
    if (!ROUTE.test(req.path)) return null;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw apiError('METHOD_NOT_ALLOWED', `${SESSION_LOGS_PATH} accepts only GET`, {
        headers: { allow: 'GET, HEAD' },
      });
    }
    // Every 401 tells the client the scheme (RFC 6750).
    authorizeBearer(req.headers.authorization, deps.credentials.token);
    const query = parseSessionLogQuery(req.query);
    const agentIds = resolveAgents(index, query);
    const data = summarizeSessionLogs(index.daysFor(agentIds, query.startDay, query.endDay));
    return jsonResponse(200, { success: true, data });
  };
}

/** The agents the answer covers; 404 NOT_FOUND for an empty team or an agent outside it. */
function resolveAgents(index: SessionIndex, query: SessionLogQuery): readonly string[] {
  const team = index.agentsOfTeam(query.teamId);
  if (team.length === 0) {
    throw apiError('NOT_FOUND', `team ${query.teamId} has no agents`, { parameter: 'team_id' });
  }
  if (query.agentId === undefined) return team;
  const teamOfAgent = index.teamOfAgent(query.agentId);
  if (teamOfAgent === undefined) {
    throw apiError('NOT_FOUND', `agent ${query.agentId} does not exist`, { parameter: 'agent_id' });
  }
  if (teamOfAgent !== query.teamId) {
    throw apiError('NOT_FOUND', `agent ${query.agentId} is not in team ${query.teamId}`, {
      parameter: 'agent_id',
    });
  }
  return [query.agentId];
}
