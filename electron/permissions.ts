/**
 * Permission requests (camera, microphone, geolocation, notifications, clipboard-read, HID, serial, USB,
 * display capture…) are all denied: the app needs none of them.
 */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export function denyAllPermissions(
  session: PermissionSessionLike,
  onDenied?: (permission: string) => void,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    onDenied?.(permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
