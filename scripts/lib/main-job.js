// @ts-check
/**
 * `main-job.js prepare <n8n user folder> <sandbox url>`: writes the import files for the main job
 * (sandbox credentials, the templates bound to them) and prints what the scripts need as JSON.
 */
const fs = require('fs');
const path = require('path');
const { installPackage } = require('./install-package');
const { sandboxCredentials, templateFiles, loadTemplate, forSandbox, THRIVECART_SECRET_WORD } = require('./sandbox-setup');

const FULFILMENT_TEMPLATE = 'thrivecart-thrive-apprentice-fulfilment.json';

/** @param {any} workflow */
function triggerWebhookId(workflow) {
	const trigger = workflow.nodes.find((/** @type {any} */ n) => n.type.endsWith('.thriveCartTrigger'));
	return trigger.webhookId;
}

/** @param {string} userFolder @param {string} sandboxUrl */
function prepare(userFolder, sandboxUrl) {
	installPackage(userFolder);
	const importDir = path.join(userFolder, 'import');
	const workflowsDir = path.join(importDir, 'workflows');
	fs.rmSync(importDir, { recursive: true, force: true });
	fs.mkdirSync(workflowsDir, { recursive: true });
	fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(sandboxCredentials({ sandboxUrl })));
	for (const file of templateFiles()) {
		fs.writeFileSync(path.join(workflowsDir, file), JSON.stringify(forSandbox(loadTemplate(file))));
	}
	const fulfilment = loadTemplate(FULFILMENT_TEMPLATE);
	const port = process.env.N8N_PORT ?? '5678';
	return {
		workflowId: fulfilment.id,
		workflowName: fulfilment.name,
		webhookUrl: `http://localhost:${port}/webhook/${triggerWebhookId(fulfilment)}/webhook`,
		sandboxUrl,
		secretWord: THRIVECART_SECRET_WORD,
	};
}

module.exports = { prepare, FULFILMENT_TEMPLATE, triggerWebhookId };

if (require.main === module) {
	const [command, userFolder, sandboxUrl] = process.argv.slice(2);
	if (command !== 'prepare' || !userFolder || !sandboxUrl) throw new Error('usage: main-job.js prepare <user folder> <sandbox url>');
	process.stdout.write(JSON.stringify(prepare(userFolder, sandboxUrl), null, 2));
}
