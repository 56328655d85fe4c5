import type { AuthChecker } from 'type-graphql';
import type { Role } from '../entities';
import type { Context } from './context';
import { userError } from './errors';

/**
 * Every mutation is @Authorized with the roles that may call it. Anonymous (or invalid-token) callers
 * get UNAUTHENTICATED, the wrong role FORBIDDEN; both before any write.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, allowed) => {
  const user = context.viewer.user;
  if (!user) {
    throw userError(
      'UNAUTHENTICATED',
      context.viewer.invalidToken
        ? 'The bearer token is unknown or revoked.'
        : 'This operation needs a bearer token: send "Authorization: Bearer <token>".',
    );
  }
  if (allowed.length > 0 && !allowed.includes(user.role)) {
    throw userError('FORBIDDEN', `A ${user.role} token may not do this; it needs the role ${allowed.join(' or ')}.`);
  }
  return true;
};
