/**
 * Where Waymark keeps its data. Electron's default on Windows is %APPDATA% (the *roaming* profile), which
 * roaming-profile and folder-redirection setups copy to a file server at every sign-out — case data must
 * not travel like that. So on Windows the user data folder is %LOCALAPPDATA%\Waymark. macOS
 * (~/Library/Application Support/Waymark) and Linux (~/.config/Waymark) keep Electron's defaults.
 */
export function userDataOverride(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
  productName: string,
  join: (...parts: string[]) => string,
): string | null {
  if (platform !== 'win32') return null;
  const localAppData = env.LOCALAPPDATA;
  if (localAppData === undefined || localAppData.trim() === '') return null;
  return join(localAppData, productName);
}
