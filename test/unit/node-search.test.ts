/**
 * n8n's node search (n8n 2.41, `generateMergedNodesAndActions` in the editor) shows a node and its trigger as ONE
 * entry, named after the node, with the trigger's description. That description must say what the CDEK node does,
 * or a search for CDEK, СДЭК, возврат or отказ finds what looks like a trigger only.
 */
import { Cdek } from '../../nodes/Cdek/Cdek.node';
import codex from '../../nodes/Cdek/Cdek.node.json';
import { CdekTrigger } from '../../nodes/Cdek/CdekTrigger.node';

const node = new Cdek().description;
const trigger = new CdekTrigger().description;

/** n8n's merge: a trigger whose name without "Trigger" is a node's name lends that node its description. */
function searchEntry() {
	const mergedInto = trigger.name.replace('Trigger', '');
	expect(mergedInto).toBe(node.name);
	return { displayName: node.displayName, description: trigger.description };
}

describe("the CDEK entry of n8n's node search", () => {
	it('is named CDEK and describes the actions first, then the trigger', () => {
		const entry = searchEntry();
		expect(entry.displayName).toBe('CDEK');
		expect(entry.description).toMatch(/^Refuse, cancel and return CDEK \(СДЭК\) orders/);
		expect(entry.description).toContain('print return labels');
		expect(entry.description.indexOf('start a workflow')).toBeGreaterThan(
			entry.description.indexOf('return labels'),
		);
	});

	it.each(['CDEK', 'СДЭК', 'возврат', 'отказ'])('finds the node by "%s"', (word) => {
		expect(codex.alias).toContain(word);
	});
});
