import type { Plugin } from 'esbuild';

export declare const packageVersion: Plugin;
