// @ts-check
/**
 * The queue-mode fulfilment template, made from the shipped one (its one source of truth) by
 * `npm run templates`; a unit test fails when the committed file differs from what this makes.
 *
 * Why: in n8n's queue mode several workers run executions at once, and nothing the Thrive Apprentice
 * node can reach is atomic across processes (a community node may not open sockets). So before the node
 * grants, restores or revokes, the workflow takes the buyer's turn with n8n's own Redis node: `INCR`
 * is atomic, and only the run that gets 1 goes on; the others wait a second and try again. The turn is
 * given back (`DEL`) when the node is done, also when it failed; it expires by itself 5 minutes after
 * the last try, for a worker that died holding it. Each Thrive Apprentice node keeps its name, so
 * expressions, tests and the error alert read the same.
 */
const crypto = require('crypto');

const FILE = 'thrivecart-thrive-apprentice-fulfilment-queue-mode.json';
const GRANT = 'Grant purchased courses';
const RESTORE = 'Restore access after resume or rebill';
const REVOKE = 'Revoke refunded or cancelled item';

const ONE_RUN = 'One run per buyer at a time';
const TAKE_TURN = "Take the buyer's turn (Redis)";
const TURN_CHECK = "The buyer's turn?";
const WAIT = 'Another run has this buyer: wait 1 s';
const TOO_LONG = 'Stop: the buyer stayed busy';
const DELIVERY = 'Back to the delivery';
const WHICH = 'Grant, restore or revoke?';
const GIVE_BACK = "Give the buyer's turn back";
const GIVE_BACK_AFTER_ERROR = "Give the turn back (it failed)";
const REPORT = 'Report the failed change';

/** Seconds a turn lives after its last `INCR`, and how many one-second waits a run makes before it gives up. */
const TURN_TTL_S = 300;
const MAX_WAITS = 150;

const REDIS_CREDENTIAL = { redis: { id: 'REPLACE_WITH_YOUR_REDIS_CREDENTIAL', name: "Redis (n8n's queue)" } };

/** @param {string} name */
function idOf(name) {
	const hex = crypto.createHash('sha1').update(`thrivecart-apprentice queue mode: ${name}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The turn's key: one per buyer (hashed: emails have no business in Redis in clear). @param {string} item */
function turnKey(item) {
	return `=thrivecart-apprentice:turn:{{ ${item}.customer.email.trim().toLowerCase().hash('sha256') }}`;
}

/** @param {string} id @param {string} expression */
function condition(id, expression) {
	return {
		id,
		leftValue: expression,
		rightValue: '',
		operator: { type: 'boolean', operation: 'true', singleValue: true },
	};
}

const CONDITION_OPTIONS = { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 };

/**
 * @param {string} name @param {string} type @param {number} typeVersion @param {[number, number]} position
 * @param {Record<string, unknown>} parameters @param {Record<string, unknown>} [extra]
 */
function node(name, type, typeVersion, position, parameters, extra = {}) {
	return { parameters, id: idOf(name), name, type, typeVersion, position, ...extra };
}

/** @param {string} name @param {string} change @param {[number, number]} position */
function marker(name, change, position) {
	return node(name, 'n8n-nodes-base.set', 3.4, position, {
		assignments: { assignments: [{ id: 'accessChange', name: 'accessChange', value: change, type: 'string' }] },
		includeOtherFields: true,
		options: {},
	});
}

/**
 * @param {any} base the shipped fulfilment template
 * @returns {any} the queue-mode template
 */
function queueModeTemplate(base) {
	const workflow = JSON.parse(JSON.stringify(base));
	const byName = new Map(workflow.nodes.map((/** @type {any} */ n) => [n.name, n]));
	for (const name of [GRANT, RESTORE, REVOKE]) if (!byName.has(name)) throw new Error(`the fulfilment template has no "${name}"`);
	const at = (/** @type {string} */ name) => /** @type {[number, number]} */ ([...byName.get(name).position]);

	// Each Thrive Apprentice node's place goes to a marker that says which change the delivery needs.
	const markers = {
		[GRANT]: marker('To grant', 'grant', at(GRANT)),
		// Lower than the node it stands for, so its long line passes under "Paused: keep access".
		[RESTORE]: marker('To restore', 'restore', [at(RESTORE)[0], at(RESTORE)[1] + 96]),
		[REVOKE]: marker('To revoke', 'revoke', at(REVOKE)),
	};
	const other = byName.get('Other events: nothing to do');
	if (other) other.position = [other.position[0], other.position[1] + 96];
	for (const outputs of Object.values(workflow.connections)) {
		for (const output of /** @type {any} */ (outputs).main ?? []) {
			for (const link of output ?? []) if (markers[link.node]) link.node = markers[link.node].name;
		}
	}

	// Far enough right that the lines from the three markers bend in empty canvas.
	const x = 3840;
	const y = 480;
	const added = [
		...Object.values(markers),
		node(ONE_RUN, 'n8n-nodes-base.noOp', 1, [x, y], {}),
		// Read from the node before the loop: on a retry $json is Redis's last answer, not the delivery.
		node(TAKE_TURN, 'n8n-nodes-base.redis', 1, [x + 256, y], { operation: 'incr', key: turnKey(`$('${ONE_RUN}').item.json`), expire: true, ttl: TURN_TTL_S }, { credentials: REDIS_CREDENTIAL }),
		node(TURN_CHECK, 'n8n-nodes-base.switch', 3.2, [x + 512, y], {
			rules: {
				values: [
					{ conditions: { options: CONDITION_OPTIONS, conditions: [condition('ours', '={{ Object.values($json)[0] === 1 }}')], combinator: 'and' }, renameOutput: true, outputKey: 'Our turn' },
					{ conditions: { options: CONDITION_OPTIONS, conditions: [condition('tooLong', `={{ $runIndex >= ${MAX_WAITS} }}`)], combinator: 'and' }, renameOutput: true, outputKey: 'Waited too long' },
				],
			},
			options: { fallbackOutput: 'extra', renameFallbackOutput: 'Not yet' },
		}),
		node(WAIT, 'n8n-nodes-base.wait', 1.1, [x + 768, y + 192], { amount: 1, unit: 'seconds' }, { webhookId: idOf(`${WAIT} webhook`) }),
		node(TOO_LONG, 'n8n-nodes-base.stopAndError', 1, [x + 768, y], {
			errorMessage: `=Another execution kept {{ $('${ONE_RUN}').item.json.customer.email }} busy for over ${MAX_WAITS} s (it may have stopped while holding the turn): nothing was granted or revoked for this delivery. Check the buyer's access; the reconciliation template repairs it. The turn expires by itself ${TURN_TTL_S / 60} minutes after the last try.`,
		}),
		node(DELIVERY, 'n8n-nodes-base.set', 3.4, [x + 768, y - 192], { mode: 'raw', jsonOutput: `={{ $('${ONE_RUN}').item.json }}`, options: {} }),
		node(WHICH, 'n8n-nodes-base.switch', 3.2, [x + 1024, y - 192], {
			rules: {
				values: ['grant', 'restore', 'revoke'].map((change) => ({
					conditions: { options: CONDITION_OPTIONS, conditions: [condition(change, `={{ $json.accessChange === '${change}' }}`)], combinator: 'and' },
					renameOutput: true,
					outputKey: change[0].toUpperCase() + change.slice(1),
				})),
			},
			options: {},
		}),
		node(GIVE_BACK, 'n8n-nodes-base.redis', 1, [x + 1536, y - 384], { operation: 'delete', key: turnKey(`$('${DELIVERY}').item.json`) }, { credentials: REDIS_CREDENTIAL }),
		node(GIVE_BACK_AFTER_ERROR, 'n8n-nodes-base.redis', 1, [x + 1536, y + 64], { operation: 'delete', key: turnKey(`$('${DELIVERY}').item.json`) }, { credentials: REDIS_CREDENTIAL }),
		node(REPORT, 'n8n-nodes-base.stopAndError', 1, [x + 1792, y + 64], {
			errorMessage: `={{ $json.error }}{{ $json.description ? ' ' + $json.description : '' }}`,
		}),
	];
	// The Thrive Apprentice nodes move behind the turn; their errors go out to give the turn back first.
	[GRANT, RESTORE, REVOKE].forEach((name, index) => {
		const ta = byName.get(name);
		ta.position = [x + 1280, y - 448 + index * 192];
		ta.onError = 'continueErrorOutput';
	});
	added.push(
		node('Queue mode', 'n8n-nodes-base.stickyNote', 1, [x - 64, y - 672], {
			content: [
				'## Queue mode: one run per buyer at a time',
				"Several workers run executions at once. Before Thrive Apprentice is changed, **Take the buyer's turn** counts up a key for this buyer in Redis: only the run that gets 1 goes on, the others wait a second and try again (for up to " + `${MAX_WAITS / 60} minutes). The turn is given back when the Thrive Apprentice node is done, also when it failed, and runs out by itself ${TURN_TTL_S / 60} minutes after the last try.`,
				'',
				"**Set up:** pick your Redis credential (the Redis n8n's queue uses is fine) in the three Redis nodes, and give the Thrive Apprentice credential a WordPress username and application password: the node then reads each buyer's access before and after every change.",
			].join('\n'),
			height: 160,
			width: 1504,
			color: 5,
		}),
	);
	workflow.nodes.push(...added);

	const to = (/** @type {string} */ name) => [{ node: name, type: 'main', index: 0 }];
	Object.assign(workflow.connections, {
		'To grant': { main: [to(ONE_RUN)] },
		'To restore': { main: [to(ONE_RUN)] },
		'To revoke': { main: [to(ONE_RUN)] },
		[ONE_RUN]: { main: [to(TAKE_TURN)] },
		[TAKE_TURN]: { main: [to(TURN_CHECK)] },
		[TURN_CHECK]: { main: [to(DELIVERY), to(TOO_LONG), to(WAIT)] },
		[WAIT]: { main: [to(TAKE_TURN)] },
		[DELIVERY]: { main: [to(WHICH)] },
		[WHICH]: { main: [to(GRANT), to(RESTORE), to(REVOKE)] },
		[GRANT]: { main: [to(GIVE_BACK), to(GIVE_BACK_AFTER_ERROR)] },
		[RESTORE]: { main: [to(GIVE_BACK), to(GIVE_BACK_AFTER_ERROR)] },
		[REVOKE]: { main: [to(GIVE_BACK), to(GIVE_BACK_AFTER_ERROR)] },
		[GIVE_BACK_AFTER_ERROR]: { main: [to(REPORT)] },
	});

	workflow.id = 'tcTaFulfilQueue1';
	workflow.name = `${base.name} (queue mode)`;
	const trigger = workflow.nodes.find((/** @type {any} */ n) => n.type.endsWith('.thriveCartTrigger'));
	trigger.webhookId = idOf('trigger webhook');
	const wait = workflow.nodes.find((/** @type {any} */ n) => n.name === 'Wait until billing period end');
	if (wait) wait.webhookId = idOf('billing period end webhook');
	return workflow;
}

if (require.main === module) {
	const fs = require('fs');
	const path = require('path');
	const templates = path.resolve(__dirname, '..', '..', 'templates');
	const base = JSON.parse(fs.readFileSync(path.join(templates, 'thrivecart-thrive-apprentice-fulfilment.json'), 'utf8'));
	fs.writeFileSync(path.join(templates, FILE), `${JSON.stringify(queueModeTemplate(base), null, 2)}\n`);
	process.stdout.write(`wrote templates/${FILE}\n`);
}

module.exports = { queueModeTemplate, QUEUE_MODE_TEMPLATE: FILE };
