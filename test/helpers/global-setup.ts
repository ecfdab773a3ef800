/**
 * Says once per run when the PostgreSQL variants of the store, crash and channel tests are not run,
 * and why (they were missing from `npm test` without a word).
 */
export default function setup(): void {
  if (!process.env.TEST_POSTGRES_URL) {
    console.log('\nPostgreSQL variants are NOT run: TEST_POSTGRES_URL is not set (.ci/run sets it; e.g. TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm test).\n');
  }
}
