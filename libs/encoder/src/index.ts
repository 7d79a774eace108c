export { cosine, packVector, unpackVector, PACK_HEADER_BYTES } from './pack';
export { encode, ENCODER_DIMENSIONS, ENCODER_NAME, SentenceEncoder, sharedEncoder } from './sentence-encoder';
export { EncoderThreadClient } from './encoder-thread-client';
