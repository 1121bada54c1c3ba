@echo off
rem 甘井子区孵化链企业登记系统 @VERSION@：离线安装（Windows x64）
rem Offline installer: creates venv\ next to this file with the Python launcher (py), installs
rem the program from wheels\ with no network, and puts shortcuts on the desktop and in the
rem start menu.  The data (database, backups, log) stay in the user's data folder
rem (%LOCALAPPDATA%\gjz-registry): installing, reinstalling or upgrading never touches it.
rem This file is saved in GBK, the code page of a Chinese Windows console.
setlocal
cd /d "%~dp0"
rem install.bat /quiet: no "press a key" at the end (for scripts)
set "WAIT=pause"
if /i "%~1"=="/quiet" set "WAIT="
set "PIP_CONFIG_FILE=nul"

rem Installed before (reinstall, or a newer version unpacked over it): keep that venv.
if exist "venv\Scripts\python.exe" goto install

where py >nul 2>&1
if errorlevel 1 goto no_launcher

rem The newest installed Python from 3.13 down to 3.10 (the wheels are for these).
set "PYVER="
for %%v in (3.13 3.12 3.11 3.10) do call :try_python %%v
if not defined PYVER goto no_python

py -%PYVER% -c "import tkinter" >nul 2>&1
if errorlevel 1 goto no_tk

echo 创建虚拟环境（Python %PYVER%）：%~dp0venv
echo Creating the virtual environment (Python %PYVER%): %~dp0venv
py -%PYVER% -m venv venv
if errorlevel 1 goto failed

:install
echo 安装程序（不使用网络）……
echo Installing (no network)...
"venv\Scripts\python.exe" -m pip install --isolated --disable-pip-version-check --no-input --no-index --find-links wheels -r requirements.txt
if errorlevel 1 goto failed

powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0shortcut.ps1" -Target "%~dp0venv\Scripts\gjz-client.exe"
if errorlevel 1 goto no_shortcut
echo.
echo 安装完成。双击桌面上的「甘井子区孵化链企业登记系统」即可使用。
echo Done. Double-click the desktop shortcut to start.
goto done

:no_shortcut
echo.
echo 安装完成，但未能创建快捷方式。请双击 %~dp0venv\Scripts\gjz-client.exe 启动。
echo Installed, but the shortcut could not be made. Start %~dp0venv\Scripts\gjz-client.exe.
goto done

:try_python
if defined PYVER goto :eof
py -%1 -c "import sys" >nul 2>&1
if not errorlevel 1 set "PYVER=%1"
goto :eof

:no_launcher
echo 未找到 Python 启动器 py。请安装 Python 3.10 至 3.13（python.org 的 Windows 安装包，
echo 勾选 "py launcher" 和 "tcl/tk and IDLE"），然后重新运行本文件。
echo The Python launcher (py) was not found. Install Python 3.10 to 3.13 from python.org
echo (with "py launcher" and "tcl/tk and IDLE"), then run this file again.
goto failed_quiet

:no_python
echo 未找到 Python 3.10 至 3.13。请安装其中一个版本（python.org 的 Windows 安装包），
echo 然后重新运行本文件。
echo No Python 3.10 to 3.13 found. Install one of them from python.org, then run this
echo file again.
goto failed_quiet

:no_tk
echo Python %PYVER% 缺少 tkinter。请重新运行 Python 安装程序，选择 Modify，勾选
echo "tcl/tk and IDLE"，然后重新运行本文件。
echo Python %PYVER% has no tkinter. Run the Python installer again, choose Modify, tick
echo "tcl/tk and IDLE", then run this file again.
goto failed_quiet

:failed
echo.
echo 安装失败，见上面的信息。
echo Installation failed; see the messages above.

:failed_quiet
%WAIT%
exit /b 1

:done
%WAIT%
exit /b 0
