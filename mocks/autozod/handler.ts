/**
 * Autozod's `GET /api/sessionLogs/list` over the seeded world, as a plain handler. Sessions are
 * indexed once. The doc's curl sends `{}` with its GET; any body is left unread and ignored.
 */
import { jsonResponse } from '../../src/core/responses.ts';
import type { VendorDeps, VendorHandler } from '../../src/core/types.ts';
import { ApiError, apiError } from '../../src/http/errors.ts';
import { checkBearer, WWW_AUTHENTICATE } from './auth.ts';
import type { AutozodCredentials } from './credentials.ts';
import { parseSessionLogQuery, type SessionLogQuery } from './params.ts';
import { createSessionIndex, type SessionIndex } from './session-index.ts';
import { summarizeSessionLogs } from './summary.ts';

export const SESSION_LOGS_PATH = '/api/sessionLogs/list';
const ROUTE = /^\/api\/sessionLogs\/list\/?$/i;

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
    try {
      checkBearer(req.headers.authorization, deps.credentials.token);
    } catch (err) {
      // Every 401 tells the client the scheme (RFC 6750).
      if (err instanceof ApiError) {
        throw new ApiError(err.code, err.message, err.status, err.parameter, {
          'www-authenticate': WWW_AUTHENTICATE,
        });
      }
      throw err;
    }
    const query = parseSessionLogQuery(req.query);
    const agentIds = resolveAgents(index, query);
    const data = summarizeSessionLogs(index.daysFor(agentIds, query.startDay, query.endDay), agentIds.length);
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
