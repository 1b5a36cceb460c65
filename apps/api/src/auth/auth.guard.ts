import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, PlatformError } from '@persona/shared';
import { CONTRACT, type RouteContract } from '../contract/contract.decorator.js';
import { AuthFailureThrottle } from '../rate-limit/auth-failure-throttle.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import { presentedKey } from './presented-key.js';

/** Every route must declare who may call it; a route without a contract is closed. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(WorkspacesService) private readonly workspaces: WorkspacesService,
    @Inject(AuthFailureThrottle) private readonly authFailures: AuthFailureThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const contract = this.reflector.get<RouteContract | undefined>(CONTRACT, context.getHandler());
    if (contract?.roles === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = presentedKey(request.headers);
    if (!token) {
      throw new PlatformError(ErrorCode.Unauthenticated, 'Send an API key as "Authorization: Bearer <key>" or "x-api-key".');
    }
    // An address that keeps presenting wrong keys is refused before its next guess costs a lookup.
    await this.authFailures.assertAllowed(request);
    const principal = await this.workspaces.authenticate(token);
    if (!principal) {
      await this.authFailures.record(request);
      throw new PlatformError(ErrorCode.Unauthenticated, 'Unknown or revoked API key.');
    }
    const roles = contract?.roles ?? [];
    if (!roles.includes(principal.role)) {
      throw new PlatformError(
        ErrorCode.Forbidden,
        `A ${principal.role} key cannot do this; it needs one of: ${roles.join(', ') || 'none'}.`,
      );
    }
    request.principal = principal;
    return true;
  }
}
