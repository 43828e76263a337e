import { setTimeout as delay } from 'node:timers/promises';

/** The parts of RunIO that are the same for every entry: environment, clock, timer. */
export function systemIO(): {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
} {
  return { env: process.env, now: () => new Date(), sleep: (ms) => delay(ms) };
}
