import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailed } from './validation';

/** Path ids must be UUIDs: a malformed id is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUUID(value)) {
      const field = meta.data ?? 'id';
      throw new ValidationFailed([{ field, message: `${field} must be a UUID` }]);
    }
    return value.toLowerCase();
  }
}
