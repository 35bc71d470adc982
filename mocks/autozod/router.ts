/** The Autozod router: GET /api/sessionLogs/list over the seeded world. */
import { type Request, type Response, Router } from 'express';
import { apiError } from '../../src/http/errors.ts';
import type { Query } from '../../src/http/params.ts';
import type { VendorDeps } from '../../src/http/vendor.ts';
import { vendorErrorHandler } from '../../src/http/vendor-errors.ts';
import { checkBearer, WWW_AUTHENTICATE } from './auth.ts';
import { renderAutozodError } from './errors.ts';
import { parseSessionLogQuery, type SessionLogQuery } from './params.ts';
import { createSessionIndex, type SessionIndex } from './session-index.ts';
import { summarizeSessionLogs } from './summary.ts';

const PATH = '/api/sessionLogs/list';

/**
 * Builds the router (mount it at `/autozod`). Sessions are indexed once here.
 * No body parser is installed: the doc's curl sends `{}` with its GET, and the body carries
 * nothing, so any body (even malformed JSON) is left unread and ignored.
 */
export function createAutozodRouter(deps: VendorDeps): Router {
  const index = createSessionIndex(deps.world);
  const router = Router();

  router.get(PATH, (req: Request, res: Response) => {
    try {
      checkBearer(req.get('authorization'), deps.credentials.autozod.token);
    } catch (err) {
      res.set('WWW-Authenticate', WWW_AUTHENTICATE);
      throw err;
    }
    const query = parseSessionLogQuery(req.query as Query);
    const agentIds = resolveAgents(index, query);
    const data = summarizeSessionLogs(index.daysFor(agentIds, query.startDay, query.endDay), agentIds.length);
    res.json({ success: true, data });
  });

  router.all(PATH, (_req: Request, res: Response) => {
    res.set('Allow', 'GET, HEAD');
    throw apiError('METHOD_NOT_ALLOWED', `${PATH} accepts only GET`);
  });

  router.use(vendorErrorHandler(renderAutozodError));
  return router;
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
