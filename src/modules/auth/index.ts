/** Sign-in, sessions, API tokens and user accounts. */
export { authMiddleware, authRoutes, SESSION_COOKIE, CSRF_COOKIE } from './auth.routes.ts';
export { loadActor } from './auth.service.ts';
export { createUser, listUsers, updateUser } from './auth.users.service.ts';
export { findUserByEmail, findUserById } from './auth.repo.ts';
/** The active user accounts of people (whom to tell, who may approve): `await activeUsersOfPeople(db, [personId])`. */
export { activeUsersOfPeople } from './auth.repo.ts';
export { hashPassword } from './auth.passwords.ts';
