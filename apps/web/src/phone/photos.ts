// Photos from a phone's camera are several megabytes: over a slow connection they are made smaller in the
// browser first (longest side 1600 px, JPEG), which keeps what staff need to see. A small or unreadable
// image goes as it is; the server types every file by its content anyway.
const LONGEST_SIDE = 1600;
const SMALL_ENOUGH_BYTES = 400 * 1024;

export interface PreparedPhoto {
  blob: Blob;
  fileName: string;
}

function baseName(name: string): string {
  return name.replace(/\.[^.]*$/, '') || 'photo';
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (file.size <= SMALL_ENOUGH_BYTES || typeof createImageBitmap !== 'function') {
    return { blob: file, fileName: file.name || 'photo.jpg' };
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    if (!blob || blob.size >= file.size) return { blob: file, fileName: file.name || 'photo.jpg' };
    return { blob, fileName: `${baseName(file.name)}.jpg` };
  } catch {
    return { blob: file, fileName: file.name || 'photo.jpg' };
  }
}
