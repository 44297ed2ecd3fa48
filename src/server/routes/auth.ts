// Sign-in, sign-out, who am I, and changing one's own password.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, type RouteModule } from '../api.js';
import { writeAudit } from '../audit.js';
import type { ServerConfig } from '../context.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { createSession, deleteSession, deleteUserSessions, SESSION_COOKIE } from '../auth/sessions.js';
import { getUser, passwordHashOf, updateUser, userForLogin } from '../auth/users.js';
import { ok, roleSchema, userSchema } from '../schemas.js';

const loginAnswer = z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() });

function secure(config: ServerConfig, request: FastifyRequest): boolean {
  return config.secureCookies === 'auto' ? request.protocol === 'https' : config.secureCookies;
}

function setSessionCookie(reply: FastifyReply, config: ServerConfig, request: FastifyRequest, value: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(config, request), expires });
}

export const authRoutes: RouteModule = (api) => {
  const { config } = api.ctx;

  api.route({
    method: 'POST',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in with a user name and password (sets the session cookie)',
    description:
      'Answers the CSRF token to send as X-CSRF-Token on every change made with the cookie. Only JSON bodies are ' +
      'accepted, so a cross-site HTML form cannot post here. Attempts are rate limited per client address and user name.',
    tags: ['auth'],
    access: 'public',
    rateLimit: { max: config.loginMax, timeWindowMs: config.loginWindowMs, keyFromBody: 'username' },
    body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }),
    response: loginAnswer,
    handler: async ({ body, ctx, request, reply }) => {
      const user = await userForLogin(ctx.db, body.username);
      // verify against a dummy hash for unknown users: the answer takes as long whether the name exists or not
      const good = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
      if (!user || !good || user.disabled) {
        await writeAudit(ctx.db, { actor: { id: user?.id, name: body.username.slice(0, 200), via: 'session' }, action: 'auth.login-failed',
          target: user ? { type: 'user', id: user.id } : undefined, after: { reason: !user || !good ? 'bad credentials' : 'account disabled' },
          ip: request.ip, requestId: request.id });
        throw new ApiError(401, 'invalid_credentials', 'wrong user name or password, or the account is disabled');
      }
      const session = await createSession(ctx.db, user.id, config.sessionMaxMs, { ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(reply, config, request, session.id, session.expiresAt);
      await writeAudit(ctx.db, { actor: { id: user.id, name: user.username, via: 'session' }, action: 'auth.login',
        target: { type: 'user', id: user.id }, ip: request.ip, requestId: request.id });
      const { passwordHash: _, ...plain } = user;
      return { user: plain, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  });

  api.route({
    method: 'POST',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'Sign out (ends this session)',
    tags: ['auth'],
    access: 'self',
    response: ok,
    handler: async ({ user, ctx, reply, request, audit }) => {
      if (user.sessionHash) await deleteSession(ctx.db, user.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(config, request) });
      await audit({ action: 'auth.logout', target: { type: 'user', id: user.userId } });
      return { ok: true as const };
    },
  });

  api.route({
    method: 'GET',
    path: '/api/auth/me',
    operationId: 'getMe',
    summary: 'The signed-in user, the effective role of this request, and the CSRF token of the session',
    tags: ['auth'],
    access: 'viewer',
    response: z.object({
      user: userSchema,
      role: roleSchema,
      via: z.enum(['session', 'token']),
      csrfToken: z.string().nullable(),
    }),
    handler: async ({ user, ctx }) => {
      const u = await getUser(ctx.db, user.userId);
      if (!u) throw new ApiError(401, 'unauthenticated', 'the account no longer exists');
      return { user: u, role: user.role, via: user.via, csrfToken: user.csrfToken ?? null };
    },
  });

  api.route({
    method: 'PUT',
    path: '/api/auth/password',
    operationId: 'changeOwnPassword',
    summary: 'Change your own password (signs out your other sessions)',
    tags: ['auth'],
    access: 'self',
    body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) }),
    response: ok,
    handler: async ({ user, body, ctx, audit }) => {
      const stored = await passwordHashOf(ctx.db, user.userId);
      if (!stored || !(await verifyPassword(stored, body.currentPassword))) {
        throw new ApiError(403, 'invalid_credentials', 'the current password is wrong');
      }
      const problem = passwordProblem(body.newPassword, user.username);
      if (problem) throw new ApiError(400, 'weak_password', problem);
      const passwordHash = await hashPassword(body.newPassword);
      await ctx.db.transaction(async (tx) => {
        await updateUser(tx, user.userId, { passwordHash, mustChangePassword: false });
        await deleteUserSessions(tx, user.userId, user.sessionHash);
        await audit({ action: 'user.password-change', target: { type: 'user', id: user.userId } }, tx);
      });
      return { ok: true as const };
    },
  });
};
