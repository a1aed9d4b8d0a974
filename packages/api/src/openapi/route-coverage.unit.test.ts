import { describe, expect, it } from 'vitest';
import { doc } from '../http/route-doc.js';
import { documentationProblem } from './route-coverage.js';

describe('documentationProblem', () => {
  it('accepts a documented route whose role matches its access level', () => {
    const read = doc('t', 's', { operationId: 'getX', role: 'auditor' });
    expect(documentationProblem({ method: 'GET', url: '/v1/x', schema: read })).toBeUndefined();
    const command = doc('t', 's', { operationId: 'makeX', role: 'operator' });
    expect(documentationProblem({ method: 'POST', url: '/v1/x', schema: command })).toBeUndefined();
    const live = doc('t', 's', { operationId: 'live', role: 'public' });
    expect(
      documentationProblem({
        method: 'GET',
        url: '/h',
        schema: live,
        config: { access: 'public' },
      }),
    ).toBeUndefined();
    expect(documentationProblem({ method: 'GET', url: '/docs/static/x.css' })).toBeUndefined();
    expect(documentationProblem({ method: 'HEAD', url: '/v1/x' })).toBeUndefined();
  });

  it('refuses an undocumented route and a role the access level contradicts', () => {
    expect(documentationProblem({ method: 'GET', url: '/v1/x', schema: doc('t', 's') })).toMatch(
      /no operationId/,
    );
    const says = doc('t', 's', { operationId: 'jobs', role: 'auditor' });
    expect(
      documentationProblem({
        method: 'GET',
        url: '/v1/jobs',
        schema: says,
        config: { access: 'admin' },
      }),
    ).toMatch(/documented role auditor, its access admin needs admin/);
    const publicRead = doc('t', 's', { operationId: 'p', role: 'public' });
    expect(documentationProblem({ method: 'GET', url: '/v1/x', schema: publicRead })).toMatch(
      /role public/,
    );
  });
});
