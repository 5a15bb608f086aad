import { describe, expect, it } from 'vitest';
import { jobSubjectPath } from '../../../src/http/dashboard.js';

describe('queue dashboard: the page a job is about', () => {
  it.each([
    ['poll', { source: 'lapor', slot: 'live' }, '/sync-logs'],
    ['push', { kind: 'forward', complaintId: 'c-1a2b', destination: 'lapor' }, '/aduan?q=c-1a2b'],
    ['ingest', { source: 'wadesk', externalIds: ['65f0a1/b', 'x'] }, '/aduan?q=65f0a1%2Fb'],
    ['ingest', { source: 'wadesk', externalIds: [] }, '/kotak-masuk'],
    ['push', null, '/kotak-masuk'],
  ] as const)('%s %j → %s', (queue, data, path) => {
    expect(jobSubjectPath(queue, data)).toBe(path);
  });
});
