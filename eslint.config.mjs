// Lint rules: n8n's community-node rules and the n8n-nodes-base rule sets on the shipped code and
// package.json; typescript-eslint's recommended rules on tests, benchmarks and the sandbox.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';
import jsoncParser from 'jsonc-eslint-parser';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const nodesBase = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.runtime/**', 'bench/results/**'] },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: [...shipped, 'package.json'] },
	{ files: ['package.json'], languageOptions: { parser: jsoncParser } },
	{
		files: ['package.json'],
		plugins: nodesBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Written for n8n's own repository (a docs slug); community credentials give a full URL, which the
			// community rule credential-documentation-url checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Our node files are split per operation; the rule assumes one description file per node.
			'n8n-nodes-base/node-filename-against-convention': 'off',
			// These want the string 'main'; the community rule node-connection-type-literal wants
			// NodeConnectionTypes.Main, which is what n8n now documents.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['sandbox/**/*.js', 'scripts/**/*.js', 'test/**/*.js', 'bench/**/*.js'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023, globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
	},
];
