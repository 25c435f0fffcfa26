// POST /auth (`docker login`): checks the credentials with the registry; skiffd keeps nothing
// (the CLI stores them), so the answer carries no identity token.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkLogin } from '../../core/registry-login';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const AuthConfigSchema = z.looseObject({
  username: z.string().default(''),
  password: z.string().default(''),
  serveraddress: z.string().default(''),
});

export function authRoutes(app: FastifyInstance, _deps: ApiDeps): void {
  app.post('/auth', async (request) => {
    const creds = parse(AuthConfigSchema, request.body, 'body');
    await checkLogin(creds);
    return { Status: 'Login Succeeded', IdentityToken: '' };
  });
}
