# 甘井子区孵化链企业登记系统 @VERSION@: shortcuts on the desktop and in the start menu that
# start the client without a console (install.bat calls this with the venv's gjz-client.exe).
param([Parameter(Mandatory = $true)][string]$Target)
$ErrorActionPreference = 'Stop'
$name = '甘井子区孵化链企业登记系统'
$shell = New-Object -ComObject WScript.Shell
foreach ($folder in @([Environment]::GetFolderPath('Desktop'), [Environment]::GetFolderPath('Programs'))) {
    $link = $shell.CreateShortcut((Join-Path $folder ($name + '.lnk')))
    $link.TargetPath = $Target
    $link.WorkingDirectory = [Environment]::GetFolderPath('MyDocuments')
    $link.Description = '科技型企业与孵化载体登记（@VERSION@）'
    $link.IconLocation = $Target + ',0'
    $link.Save()
    Write-Output ('已创建快捷方式 / Shortcut: ' + (Join-Path $folder ($name + '.lnk')))
}
