import { type CanActivate, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProblemException } from './problem.js';

/**
 * Keeps routes that have no access control yet closed in production. The directory API is
 * open to anyone who can reach it until sign-in exists, so it may only answer in development
 * and test; the sign-in work replaces this guard with real role checks.
 */
@Injectable()
export class DevModeGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (this.config.nodeEnv === 'production') {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Katalogen går inte att nå i produktion förrän inloggning finns på plats.',
      );
    }
    return true;
  }
}
