/**
 * How n8n's canvas draws a workflow, modelled from its JSON: node boxes with their name below them,
 * handles on the sides, and connections as the bezier curves n8n's canvas (Vue Flow) draws. Pure, so
 * the layout of a template can be checked without a browser: no connection passes behind a node, no
 * two nodes (names included) overlap, a sticky note covers no node, and an IF's "true" line stays
 * above its "false" line.
 */
export interface LayoutNode {
	name: string;
	type: string;
	position: [number, number];
	parameters?: Record<string, unknown>;
}

export interface LayoutWorkflow {
	nodes: LayoutNode[];
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}

export interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

interface Point {
	x: number;
	y: number;
}

/**
 * n8n 2.x's canvas, as measured in Chromium: a 16 px grid, nodes 96 × 96 that grow to 32 px per output
 * beyond two (a 7-output Switch is 256 high), handles spread evenly down the sides, and the name under
 * the node in lines of 20 px, at most 192 px wide (about 26 characters a line), then a 16 px subtitle.
 */
export const GRID = 16;
export const NODE_SIZE = 96;
const LABEL_WIDTH = 192;
const LABEL_LINE = 20;
const LABEL_CHARS_PER_LINE = 26;
const SUBTITLE = 16;
const STICKY_TYPE = 'n8n-nodes-base.stickyNote';

export function isSticky(node: LayoutNode): boolean {
	return node.type === STICKY_TYPE;
}

export function outputCount(workflow: LayoutWorkflow, node: LayoutNode): number {
	return Math.max(1, workflow.connections[node.name]?.main?.length ?? 1);
}

export function nodeBox(workflow: LayoutWorkflow, node: LayoutNode): Box {
	const [left, top] = node.position;
	if (isSticky(node)) {
		const width = Number(node.parameters?.width ?? 240);
		const height = Number(node.parameters?.height ?? 160);
		return { left, top, right: left + width, bottom: top + height };
	}
	const outputs = outputCount(workflow, node);
	const height = Math.max(NODE_SIZE, (outputs + 1) * 2 * GRID);
	return { left, top, right: left + NODE_SIZE, bottom: top + height };
}

/** The node's box and the name written under it. */
export function footprint(workflow: LayoutWorkflow, node: LayoutNode): Box {
	const box = nodeBox(workflow, node);
	if (isSticky(node)) return box;
	const lines = Math.ceil(node.name.length / LABEL_CHARS_PER_LINE);
	const centre = (box.left + box.right) / 2;
	const width = Math.min(LABEL_WIDTH, Math.max(NODE_SIZE, node.name.length * 7.5));
	return {
		left: Math.min(box.left, centre - width / 2),
		top: box.top,
		right: Math.max(box.right, centre + width / 2),
		bottom: box.bottom + 8 + lines * LABEL_LINE + SUBTITLE,
	};
}

function outputHandle(workflow: LayoutWorkflow, node: LayoutNode, index: number): Point {
	const box = nodeBox(workflow, node);
	const count = outputCount(workflow, node);
	return { x: box.right, y: box.top + ((box.bottom - box.top) * (index + 1)) / (count + 1) };
}

function inputHandle(workflow: LayoutWorkflow, node: LayoutNode): Point {
	const box = nodeBox(workflow, node);
	return { x: box.left, y: (box.top + box.bottom) / 2 };
}

export interface Edge {
	from: string;
	output: number;
	to: string;
	/** A loop's way back, drawn under the nodes (see loopBack). */
	backwards: boolean;
	points: Point[];
}

/**
 * A line drawn backwards (a loop: the target left of the source), as n8n's canvas draws it
 * (getEdgeRenderData): out 40 px to the right, down 130 px, across to 40 px left of the target, then
 * into the target's input. Sampled every few pixels so it can be tested against node boxes.
 */
function loopBack(source: Point, target: Point): Point[] {
	const low = source.y + 130;
	const corners: Point[] = [source, { x: source.x + 40, y: source.y }, { x: source.x + 40, y: low }, { x: target.x - 40, y: low }, { x: target.x - 40, y: target.y }, target];
	const points: Point[] = [];
	for (let i = 1; i < corners.length; i++) {
		const [a, b] = [corners[i - 1], corners[i]];
		const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 8));
		for (let step = i === 1 ? 0 : 1; step <= steps; step++) points.push({ x: a.x + ((b.x - a.x) * step) / steps, y: a.y + ((b.y - a.y) * step) / steps });
	}
	return points;
}

/** Vue Flow's bezier for a right-to-left handle pair: both control points half way across. */
function bezier(source: Point, target: Point, samples = 60): Point[] {
	const distance = target.x - source.x;
	const offset = distance >= 0 ? distance / 2 : 0.25 * 25 * Math.sqrt(-distance);
	const c1 = { x: source.x + offset, y: source.y };
	const c2 = { x: target.x - offset, y: target.y };
	const points: Point[] = [];
	for (let i = 0; i <= samples; i++) {
		const t = i / samples;
		const u = 1 - t;
		points.push({
			x: u * u * u * source.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * target.x,
			y: u * u * u * source.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * target.y,
		});
	}
	return points;
}

export function edges(workflow: LayoutWorkflow): Edge[] {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const result: Edge[] = [];
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		const source = byName.get(from);
		if (!source) throw new Error(`a connection leaves "${from}", which is not a node`);
		(outputs.main ?? []).forEach((targets, output) => {
			for (const { node: to } of targets ?? []) {
				const target = byName.get(to);
				if (!target) throw new Error(`"${from}" connects to "${to}", which is not a node`);
				const start = outputHandle(workflow, source, output);
				const end = inputHandle(workflow, target);
				// n8n draws a line backwards only when its target lies left of the source handle (by 20 px).
				const backwards = start.x - 20 > end.x;
				result.push({ from, output, to, backwards, points: backwards ? loopBack(start, end) : bezier(start, end) });
			}
		});
	}
	return result;
}

function inside(point: Point, box: Box, margin = 0): boolean {
	return point.x > box.left - margin && point.x < box.right + margin && point.y > box.top - margin && point.y < box.bottom + margin;
}

function overlap(a: Box, b: Box): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export interface LayoutProblem {
	kind: 'edge behind node' | 'nodes overlap' | 'note covers node' | 'notes overlap' | 'branches cross' | 'edge runs backwards' | 'off the grid';
	detail: string;
}

/**
 * Every way the template's canvas would mislead a reader; empty when it reads right. A line may run
 * backwards only where it closes a loop the caller names ("From → To").
 */
export function layoutProblems(workflow: LayoutWorkflow, loops: ReadonlySet<string> = new Set()): LayoutProblem[] {
	const problems: LayoutProblem[] = [];
	const nodes = workflow.nodes.filter((node) => !isSticky(node));
	const notes = workflow.nodes.filter(isSticky);
	const all = edges(workflow);
	// n8n snaps positions to its grid when it draws them: off-grid positions would not be what this models.
	for (const node of workflow.nodes) {
		if (node.position.some((value) => value % GRID !== 0)) problems.push({ kind: 'off the grid', detail: `"${node.name}" at ${node.position.join(', ')}` });
	}
	for (const edge of all) {
		if (edge.backwards && !loops.has(`${edge.from} → ${edge.to}`)) {
			problems.push({ kind: 'edge runs backwards', detail: `${edge.from} → ${edge.to}` });
		}
		for (const node of nodes) {
			if (node.name === edge.from || node.name === edge.to) continue;
			const box = footprint(workflow, node);
			if (edge.points.some((point) => inside(point, box, 4))) {
				problems.push({ kind: 'edge behind node', detail: `${edge.from} → ${edge.to} passes behind "${node.name}"` });
			}
		}
	}
	for (let a = 0; a < nodes.length; a++) {
		for (let b = a + 1; b < nodes.length; b++) {
			if (overlap(footprint(workflow, nodes[a]), footprint(workflow, nodes[b]))) {
				problems.push({ kind: 'nodes overlap', detail: `"${nodes[a].name}" and "${nodes[b].name}"` });
			}
		}
	}
	for (const note of notes) {
		for (const node of nodes) {
			if (overlap(nodeBox(workflow, note), footprint(workflow, node))) {
				problems.push({ kind: 'note covers node', detail: `note "${note.name}" covers "${node.name}"` });
			}
		}
		for (const other of notes) {
			if (other !== note && note.name < other.name && overlap(nodeBox(workflow, note), nodeBox(workflow, other))) {
				problems.push({ kind: 'notes overlap', detail: `"${note.name}" and "${other.name}"` });
			}
		}
	}
	// Lines leaving one node stay in output order top to bottom, so "true" (above) never crosses "false".
	for (const node of nodes) {
		const out = all.filter((edge) => edge.from === node.name).sort((x, y) => x.output - y.output);
		for (let i = 1; i < out.length; i++) {
			const above = out[i - 1].points[out[i - 1].points.length - 1];
			const below = out[i].points[out[i].points.length - 1];
			if (out[i].output !== out[i - 1].output && above.y > below.y) {
				problems.push({ kind: 'branches cross', detail: `"${node.name}": output ${out[i - 1].output} → ${out[i - 1].to} ends below output ${out[i].output} → ${out[i].to}` });
			}
		}
	}
	return problems;
}

/** The nodes each output of a node leads to, by output index. */
export function targetsOf(workflow: LayoutWorkflow, name: string): string[][] {
	return (workflow.connections[name]?.main ?? []).map((targets) => (targets ?? []).map((target) => target.node));
}
