// Project e2e-n8n1: the same e2e files, in real n8n 1.123.81 (dev/n8n/runtime.ts installs it beside 2.41.1).
import { N8N_1_VERSION } from '../../dev/n8n/runtime';

process.env.N8N_CDEK_N8N_VERSION = N8N_1_VERSION;
