/** Sign-in, sessions, API tokens and user accounts. */
export { authMiddleware, authRoutes, SESSION_COOKIE, CSRF_COOKIE } from './auth.routes.ts';
export { createUser, loadActor, listUsers, updateUser } from './auth.service.ts';
export { findUserByEmail } from './auth.repo.ts';
export { hashPassword } from './auth.passwords.ts';
