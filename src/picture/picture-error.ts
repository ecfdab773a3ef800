/** A score picture that could not be drawn; channels log it and send the text alone. */
export class PictureError extends Error {
  constructor(
    readonly code: 'PICTURE_NO_FONT' | 'PICTURE_RENDER',
    message: string,
  ) {
    super(message);
    this.name = 'PictureError';
  }
}
