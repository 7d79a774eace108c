import { User } from './user.entity';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  languages: string[];
  topics: string[];
  capacity: number;
  load: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    languages: u.languages,
    topics: u.topics,
    capacity: u.capacity,
    load: u.load,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
