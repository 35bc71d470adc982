/** The behaviour suite through the Express door (createApp's), with supertest: no port of our own. */
import request from 'supertest';
import { createExpressApp } from '../../src/adapters/express.ts';
import { createStandin } from '../../src/core/standin.ts';
import { binaryParser } from '../mocks/enneo/helpers.ts';
import { describeDoor } from './behaviour.ts';
import { CLOCK, doorWorld } from './world.ts';

describeDoor('Express', async () => {
  const standin = createStandin({ world: doorWorld(), clock: CLOCK });
  const app = createExpressApp(standin);
  return {
    controls: standin.controls,
    async send(method, target, headers) {
      try {
        const res = await request(app)
          [method.toLowerCase() as 'get' | 'post'](target)
          .set(headers)
          .buffer(true)
          .parse(binaryParser);
        const responseHeaders = res.headers as Record<string, string>;
        return {
          status: res.status,
          headers: responseHeaders,
          body: res.body as Buffer,
          streamed: responseHeaders['transfer-encoding'] === 'chunked',
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') return 'reset';
        throw err;
      }
    },
    close: async () => {},
  };
});
