import type { AuthProvider, UserIdentity } from 'react-admin';
import { forgetCsrfToken } from '../common/http';
import { httpStatus } from '../common/problem';
import { canAccess } from './access';
import { fetchMe, postDevLogin, postLogout } from './api';
import type { Me } from './types';

/** Parameters of `login`: only the development sign-in signs in from the SPA (SAML is a page navigation). */
export interface DevLoginParams {
  userId: string;
}

export interface BehIdentity extends UserIdentity {
  userId: string;
}

const isUnauthenticated = (error: unknown): boolean => httpStatus(error) === 401;

/**
 * The signed-in user as `GET /api/me` described it, asked once per page load and shared by
 * checkAuth, permissions, identity and access checks (react-admin asks for each on every page).
 * Forgotten at sign-in, sign-out and on any 401: a session that timed out while the page stood
 * idle shows up as the next API call's 401 (checkError), which sends the user to sign in again.
 * "Not signed in" is remembered too, so the sign-in page does not ask a second time.
 */
let me: Promise<Me> | undefined;

function loadMe(): Promise<Me> {
  if (!me) {
    const request = fetchMe();
    me = request;
    request.catch((error: unknown) => {
      // A network or server failure is asked again next time; a 401 holds until sign-in.
      if (me === request && !isUnauthenticated(error)) me = undefined;
    });
  }
  return me;
}

export const authProvider: AuthProvider = {
  async login({ userId }: DevLoginParams) {
    const signedIn = await postDevLogin(userId);
    // The server gave the browser a new session, and the old token belongs to the old one.
    forgetCsrfToken();
    me = Promise.resolve(signedIn);
    // The sign-in page reloads the app itself, so nothing of the previous user's state survives.
    return { redirectTo: false };
  },

  async logout() {
    me = undefined;
    let idpLogoutUrl: string | undefined;
    try {
      idpLogoutUrl = await postLogout();
    } catch {
      // Already signed out (expired session): nothing left to end on the server.
    }
    forgetCsrfToken();
    // Signed in with SITHS through the IdP: sign out there too; it sends the browser back to BEH.
    if (idpLogoutUrl) {
      window.location.assign(idpLogoutUrl);
      return false;
    }
  },

  async checkAuth() {
    try {
      await loadMe();
    } catch (error) {
      // Not signed in is the normal way to arrive at the sign-in page: no notification for it.
      if (isUnauthenticated(error)) return Promise.reject({ message: false });
      throw error;
    }
  },

  async checkError(error: unknown) {
    if (isUnauthenticated(error)) {
      me = undefined;
      // Signed out on the server (idle or absolute timeout): back to the sign-in page.
      return Promise.reject({ message: false });
    }
    // 403 and the rest are errors to show, not reasons to sign out.
  },

  async getIdentity(): Promise<BehIdentity> {
    const { person } = await loadMe();
    return { id: person.id, fullName: `${person.firstName} ${person.lastName}`, userId: person.userId };
  },

  getPermissions: (): Promise<Me> => loadMe(),

  async canAccess({ resource, action }) {
    return canAccess(await loadMe(), resource, action);
  },
};
