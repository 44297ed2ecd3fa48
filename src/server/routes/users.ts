// User management (admins only): list, create, change role / name / password / disabled, delete.
import { z } from 'zod';
import { ApiError, notFound, type RouteModule } from '../api.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { deleteUserSessions } from '../auth/sessions.js';
import { countActiveAdmins, deleteUser, getUser, insertUser, listUsers, updateUser, userForLogin } from '../auth/users.js';
import { idParam, order, pageOf, pageQuery, roleSchema, userSchema } from '../schemas.js';

const USERNAME = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'letters, digits and . _ @ - only');

export const userRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/users',
    operationId: 'listUsers',
    summary: 'List users',
    tags: ['users'],
    access: 'admin',
    query: pageQuery.extend({
      q: z.string().max(200).optional(),
      role: roleSchema.optional(),
      sort: z.enum(['username', 'createdAt', 'role']).default('username'),
      order: order.default('asc'),
    }),
    response: pageOf(userSchema),
    handler: async ({ query, ctx }) => ({ ...(await listUsers(ctx.db, query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'POST',
    path: '/api/users',
    operationId: 'createUser',
    summary: 'Create a user',
    tags: ['users'],
    access: 'admin',
    body: z.object({
      username: USERNAME,
      displayName: z.string().max(200).optional(),
      role: roleSchema,
      password: z.string().max(1024),
      mustChangePassword: z.boolean().default(false),
    }),
    response: userSchema,
    status: 201,
    handler: async ({ body, ctx, audit }) => {
      const problem = passwordProblem(body.password, body.username);
      if (problem) throw new ApiError(400, 'weak_password', problem);
      if (await userForLogin(ctx.db, body.username)) throw new ApiError(409, 'conflict', `user ${body.username} already exists`);
      const passwordHash = await hashPassword(body.password);
      return ctx.db.transaction(async (tx) => {
        const user = await insertUser(tx, { ...body, passwordHash });
        await audit({ action: 'user.create', target: { type: 'user', id: user.id }, after: user }, tx);
        return user;
      });
    },
  });

  api.route({
    method: 'GET',
    path: '/api/users/:id',
    operationId: 'getUser',
    summary: 'One user',
    tags: ['users'],
    access: 'admin',
    params: idParam,
    response: userSchema,
    handler: async ({ params, ctx }) => {
      const u = await getUser(ctx.db, params.id);
      if (!u) throw notFound(`user ${params.id}`);
      return u;
    },
  });

  api.route({
    method: 'PATCH',
    path: '/api/users/:id',
    operationId: 'updateUser',
    summary: "Change a user's role, name, password or disabled flag",
    description: 'A new role, a new password or disabling signs the user out everywhere. The last active admin cannot be demoted or disabled.',
    tags: ['users'],
    access: 'admin',
    params: idParam,
    body: z.object({
      displayName: z.string().max(200).nullable().optional(),
      role: roleSchema.optional(),
      disabled: z.boolean().optional(),
      password: z.string().max(1024).optional(),
      mustChangePassword: z.boolean().optional(),
    }),
    response: userSchema,
    handler: async ({ params, body, ctx, audit }) => {
      const before = await getUser(ctx.db, params.id);
      if (!before) throw notFound(`user ${params.id}`);
      let passwordHash: string | undefined;
      if (body.password !== undefined) {
        const problem = passwordProblem(body.password, before.username);
        if (problem) throw new ApiError(400, 'weak_password', problem);
        passwordHash = await hashPassword(body.password);
      }
      return ctx.db.transaction(async (tx) => {
        const losesAdmin = before.role === 'admin' && !before.disabled &&
          ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
        if (losesAdmin && (await countActiveAdmins(tx)) <= 1) {
          throw new ApiError(409, 'last_admin', 'the last active admin cannot be demoted or disabled');
        }
        const after = await updateUser(tx, params.id, { displayName: body.displayName, role: body.role, disabled: body.disabled,
          passwordHash, mustChangePassword: body.mustChangePassword });
        if (!after) throw notFound(`user ${params.id}`);
        if (passwordHash || body.disabled || (body.role && body.role !== before.role)) await deleteUserSessions(tx, params.id);
        await audit({ action: 'user.update', target: { type: 'user', id: params.id }, before,
          after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) } }, tx);
        return after;
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/users/:id',
    operationId: 'deleteUser',
    summary: 'Delete a user (their sessions and tokens go with them)',
    tags: ['users'],
    access: 'admin',
    params: idParam,
    status: 204,
    handler: async ({ params, user, ctx, audit }) => {
      if (params.id === user.userId) throw new ApiError(409, 'self_delete', 'you cannot delete your own account');
      await ctx.db.transaction(async (tx) => {
        const before = await getUser(tx, params.id);
        if (!before) throw notFound(`user ${params.id}`);
        if (before.role === 'admin' && !before.disabled && (await countActiveAdmins(tx)) <= 1) {
          throw new ApiError(409, 'last_admin', 'the last active admin cannot be deleted');
        }
        await deleteUser(tx, params.id);
        await audit({ action: 'user.delete', target: { type: 'user', id: params.id }, before }, tx);
      });
    },
  });
};
