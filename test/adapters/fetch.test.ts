/** The behaviour suite through the fetch handler (standin/fetch), called directly: no server at all. */
import { createFetchHandler } from '../../src/fetch.ts';
import { describeDoor } from './behaviour.ts';
import { readAnswer } from './fetch-door.ts';
import { CLOCK, doorWorld } from './world.ts';

describeDoor('fetch handler', async () => {
  const handle = createFetchHandler({ world: doorWorld(), clock: CLOCK });
  return {
    controls: handle.controls,
    async send(method, target, headers) {
      const res = await handle(new Request(`http://standin.test${target}`, { method, headers }));
      return res.type === 'error' ? 'reset' : readAnswer(res);
    },
    close: async () => {},
  };
});
