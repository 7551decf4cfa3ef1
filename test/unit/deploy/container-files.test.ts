/**
 * The container files against the code they deploy: every stage has a worker in docker-compose.yml
 * (a stage without one would leave its jobs waiting for ever), and the image owns the folders the
 * compose file mounts volumes on (a new named volume takes the owner of its mount point).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../../../src/pipeline/stage.js';

const compose = readFileSync('docker-compose.yml', 'utf8');
const dockerfile = readFileSync('Dockerfile', 'utf8');

/** Each service's `command: [...]` list, by service name (the file's two-space service layout). */
function serviceCommands(): Map<string, string[]> {
  const commands = new Map<string, string[]>();
  let service: string | undefined;
  for (const line of compose.split('\n')) {
    const name = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line);
    if (name) service = name[1];
    const command = /^ {4}command: (\[.*\])\s*$/.exec(line);
    if (command && service) commands.set(service, JSON.parse(command[1]!) as string[]);
  }
  return commands;
}

describe('container files', () => {
  it('runs a worker for every stage, the scheduler and the API', () => {
    const commands = [...serviceCommands().values()];
    const served = new Set(commands.filter((c) => c[0] === 'worker').flatMap((c) => c.slice(1)));
    expect([...served].sort()).toEqual([...STAGE_NAMES].sort());
    expect(commands).toContainEqual(['scheduler']);
    expect(commands.some((c) => c[0] === 'api')).toBe(true);
  });

  it('gives the image user the folders the compose file mounts volumes on', () => {
    const mounts = [...compose.matchAll(/^\s+- carevoice-[a-z]+:(\/[a-z]+)\s*$/gm)].map((m) => m[1]!);
    expect(mounts.sort()).toEqual(['/data', '/exports']);
    const chown = /RUN mkdir -p [^\n]*&& chown node:node ([^\n]+)/.exec(dockerfile);
    expect(chown?.[1]?.split(/\s+/).sort()).toEqual(mounts);
    expect(dockerfile.indexOf(chown![0])).toBeLessThan(dockerfile.indexOf('USER node'));
  });
});
