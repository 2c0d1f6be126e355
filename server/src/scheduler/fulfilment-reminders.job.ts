import { Injectable } from '@nestjs/common';
import { FulfilmentRemindersService } from '../fulfilment/fulfilment-reminders.service.js';

/**
 * Reminds systems' administrators of parts waiting too long in "Att utföra" (urgent: 4 hours;
 * others: 3 working days, Monday–Friday), once per such period (fulfilment's reminded_at).
 */
@Injectable()
export class FulfilmentRemindersJob {
  constructor(private readonly reminders: FulfilmentRemindersService) {}

  run(): Promise<number> {
    return this.reminders.remindDue();
  }
}
