/**
 * n8n's binary data modes for the in-process engine. Left alone, n8n-core's BinaryDataService has no manager and
 * keeps every file in the execution's data as base64 (n8n 1.x's default "default" mode). `useFilesystemBinaryData`
 * sets it up as n8n 2.x does by default (N8N_DEFAULT_BINARY_DATA_MODE=filesystem): files go to `dir`, items keep an
 * id. Process-wide and once: for benchmarks, which run one scenario per process.
 */
import * as path from 'path';

interface BinaryDataServiceLike {
	init(): Promise<void>;
}

export async function useFilesystemBinaryData(dir: string): Promise<void> {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = dir;
	process.env.N8N_USER_FOLDER ??= dir;
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as {
		Container: { get<T>(key: unknown): T };
	};
	const { BinaryDataService } = require('n8n-core') as { BinaryDataService: unknown };
	/* eslint-enable @typescript-eslint/no-require-imports */
	await Container.get<BinaryDataServiceLike>(BinaryDataService).init();
}
