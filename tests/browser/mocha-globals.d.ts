/**
 * The Mocha globals that @web/test-runner provides to browser tests (the project has no
 * @types/mocha; this is the small part the tests use).
 */
declare function describe(title: string, fn: () => void): void;
/**
 * A test's context: `this.timeout(ms)` gives a long test more than the configured time;
 * `this.retries(n)` runs a failed test again up to n times (only for a measurement a busy
 * machine can stretch, said where it is used).
 */
interface MochaTestContext {
  timeout(ms: number): void;
  retries(n: number): void;
}
declare function it(title: string, fn: (this: MochaTestContext) => void | Promise<void>): void;
declare function before(fn: () => void | Promise<void>): void;
declare function after(fn: () => void | Promise<void>): void;
declare function beforeEach(fn: () => void | Promise<void>): void;
declare function afterEach(fn: () => void | Promise<void>): void;
