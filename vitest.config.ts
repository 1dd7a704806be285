import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// Builds dist/ once; then one Redis and one Postgres for the run (skipped with one line when absent; a failure
		// when CI=true).
		globalSetup: ['test/global-setup.ts', 'test/helpers/global-servers.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// End-to-end files start real servers and bot processes; two cores, so keep parallelism modest.
		maxWorkers: 2,
		// In CI a JSON report is written too, so .ci/run can print one plain "N passed, N failed" line.
		reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
	},
});
