// Integration tests run against a real, migrated PostgreSQL that scripts/test.mts provides.
if (!process.env.DATABASE_URL || !process.env.TEST_SERVER_URL) {
  throw new Error("Integration tests need a database: run them with `npm run test:integration` (or `npm test`).");
}
process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
