import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: ['test/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// End-to-end files start real servers and bot processes; two cores, so keep parallelism modest.
		maxWorkers: 2,
		// In CI a JSON report is written too, so .ci/run can print one plain "N passed, N failed" line.
		reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
	},
});
