/**
 * What a shop operator sees of the example workflows on the canvas: sticky notes in the shop's words, short enough
 * to read when the whole workflow is zoomed to fit, placed clear of the nodes, and wires that visibly go where
 * they lead. (test/e2e/examples.test.ts runs the workflows; test/browser draws them.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface CanvasNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: { content?: string; width?: number; height?: number };
}
interface Workflow {
	nodes: CanvasNode[];
	/** `main` wires, drawn straight; an AI tool's or model's wires (ai_tool, ai_languageModel) go below the node. */
	connections: Record<string, { main?: Array<Array<{ node: string }>> }>;
}

const dir = join(__dirname, '..', '..', 'examples');
const examples = readdirSync(dir)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow] as const);

/** n8n draws a node as a 100 × 100 box from its position. */
const NODE_SIZE = 100;
type Box = { left: number; top: number; right: number; bottom: number };
const boxOf = (node: CanvasNode): Box => {
	const [left, top] = node.position;
	const sticky = node.type === 'n8n-nodes-base.stickyNote';
	const width = sticky ? (node.parameters.width ?? 240) : NODE_SIZE;
	const height = sticky ? (node.parameters.height ?? 160) : NODE_SIZE;
	return { left, top, right: left + width, bottom: top + height };
};
const overlap = (a: Box, b: Box) =>
	a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether the straight wire from a to b crosses the box (sampled along the wire). */
function crosses(a: [number, number], b: [number, number], box: Box): boolean {
	for (let step = 1; step < 50; step++) {
		const x = a[0] + ((b[0] - a[0]) * step) / 50;
		const y = a[1] + ((b[1] - a[1]) * step) / 50;
		if (x > box.left && x < box.right && y > box.top && y < box.bottom) return true;
	}
	return false;
}

const INTERNAL_TERMS = [
	/details\.description/,
	/Never Error/i,
	/\b(POST|GET|DELETE)\b/,
	/related_entities/,
	/\/v2\//,
	/`/,
	/\b(CREATED|ACCEPTED|NOT_DELIVERED|SUCCESSFUL)\b/,
];

describe.each(examples)('example %s on the canvas', (_file, workflow) => {
	const stickies = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');

	it('has sticky notes in the shop operator’s words, without API terms', () => {
		expect(stickies.length).toBeGreaterThan(0);
		for (const sticky of stickies)
			for (const term of INTERNAL_TERMS)
				expect(`${sticky.name}: ${String(sticky.parameters.content).match(term)}`).toBe(
					`${sticky.name}: null`,
				);
	});

	it('keeps each note short and sized, so the whole workflow stays readable zoomed to fit', () => {
		for (const sticky of stickies) {
			const words = String(sticky.parameters.content).split(/\s+/).length;
			expect(`${sticky.name}: ${words <= 75}`).toBe(`${sticky.name}: true`);
			expect(sticky.parameters.width).toBeLessThanOrEqual(480);
			expect(sticky.parameters.height).toBeLessThanOrEqual(300);
		}
	});

	it('places notes clear of every node and of each other', () => {
		for (const sticky of stickies) {
			for (const other of workflow.nodes.filter((node) => node !== sticky))
				expect(`${sticky.name} / ${other.name}: ${overlap(boxOf(sticky), boxOf(other))}`).toBe(
					`${sticky.name} / ${other.name}: false`,
				);
		}
	});

	it('draws no wire through a node it does not connect', () => {
		const byName = Object.fromEntries(nodes.map((node) => [node.name, node]));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			const source = byName[from];
			for (const target of (main ?? []).flat().map((link) => byName[link.node])) {
				const start: [number, number] = [
					source.position[0] + NODE_SIZE,
					source.position[1] + NODE_SIZE / 2,
				];
				const end: [number, number] = [target.position[0], target.position[1] + NODE_SIZE / 2];
				for (const other of nodes.filter((node) => node !== source && node !== target))
					expect(
						`${from} → ${target.name} crosses ${other.name}: ${crosses(start, end, boxOf(other))}`,
					).toBe(`${from} → ${target.name} crosses ${other.name}: false`);
			}
		}
	});
});
