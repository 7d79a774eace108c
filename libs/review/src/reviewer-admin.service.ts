import { Injectable } from '@nestjs/common';
import { Actor } from '@claimdesk/common';
import { UpdateUserInput, UsersService, UserView } from '@claimdesk/users';
import { AssignmentService } from './assignment.service';

/** User changes that affect work in progress: deactivating a reviewer hands their claims on at once. */
@Injectable()
export class ReviewerAdminService {
  constructor(
    private readonly users: UsersService,
    private readonly assignments: AssignmentService,
  ) {}

  async update(id: string, patch: UpdateUserInput, actor: Actor): Promise<UserView> {
    const user = await this.users.update(id, patch, actor);
    if (patch.active === false && user.role === 'reviewer') {
      await this.assignments.releaseAllOf(id, actor);
      return this.users.get(id);
    }
    return user;
  }
}
