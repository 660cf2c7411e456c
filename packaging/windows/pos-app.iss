; Inno Setup 6 script: a per-user or all-users installer for the one-folder build.
; Build the app first (python packaging\build.py --onedir), then, from the repository root:
;   iscc /DAppVersion=0.1.0 packaging\windows\pos-app.iss
; (packaging\build.py prints the version; it is pos_app.__version__). Output: dist\pos-app-<ver>-setup.exe

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\pos-app.iss
#endif

#define AppName "POS"
#define AppExe "pos-app.exe"
#define SourceDir "..\..\dist\pos-app"

[Setup]
; A fixed AppId keeps upgrades in place; never change it.
AppId={{6F0C2E57-3B7A-4C55-9A0E-5E1D2B7C9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=pos-app
DefaultDirName={autopf}\pos-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs without admin rights into the user's Programs folder unless the user asks for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=pos-app-{#AppVersion}-setup
SetupIconFile=..\icons\pos-app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
VersionInfoVersion={#AppVersion}

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} (demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The data folder (%LOCALAPPDATA%\pos-app) holds the sales journal: uninstalling keeps it on purpose.
